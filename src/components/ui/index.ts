"use client";

export { cn } from "./cn";
export { Button, type ButtonProps, type ButtonSize, type ButtonVariant } from "./button";
export { Input, Textarea } from "./input";
export { Label } from "./label";
export { Field, type FieldControlProps, type FieldProps } from "./field";
export { Badge, type BadgeTone } from "./badge";
export { Skeleton } from "./skeleton";
export { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "./card";
export { Dialog, DialogBody, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogForm, DialogHeader, DialogTitle, DialogTrigger, type DialogContentProps } from "./dialog";
export {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "./alert-dialog";
export {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuGroup,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./dropdown-menu";
export { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectSeparator, SelectTrigger, SelectValue } from "./select";
export { Popover, PopoverAnchor, PopoverContent, PopoverTrigger } from "./popover";
export { Tabs, TabsContent, TabsList, TabsTrigger } from "./tabs";
export { RadioCard, RadioGroup, RadioGroupItem, type RadioCardProps } from "./radio-group";
export { Switch } from "./switch";
export { Tooltip, TooltipContent, TooltipProvider, TooltipTrigger, TruncatedText } from "./tooltip";
export { Collapsible, CollapsibleContent, CollapsibleTrigger } from "./collapsible";
export { Combobox, ComboboxInput, type ComboboxInputProps, type ComboboxOption, type ComboboxProps } from "./combobox";
